/**
 * Small helpers shared by every package: atomic writes (temp file + rename), the rules of output folders and files
 * ({@link org.pacscluster.io.OutputFolder}: one writer per folder through {@link org.pacscluster.io.FolderLock}, a
 * {@link org.pacscluster.io.ResumeKey} checked before a run continues, {@link org.pacscluster.io.OutputPaths}: no
 * output inside an input, no file replaced unless asked), CSV reading/writing, the build's
 * version ({@link org.pacscluster.io.BuildInfo}), the one seeded Fisher–Yates shuffle and sample draw
 * ({@link org.pacscluster.io.Shuffle}) and the thread limit of parallel CPU work
 * ({@link org.pacscluster.io.Parallelism}).
 */
package org.pacscluster.io;
