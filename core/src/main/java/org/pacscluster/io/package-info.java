/**
 * Small helpers shared by every package: atomic writes (temp file + rename), the rules of output folders and files
 * ({@link org.pacscluster.io.OutputFolder}: one writer per folder through {@link org.pacscluster.io.FolderLock}, a
 * {@link org.pacscluster.io.ResumeKey} checked before a run continues, {@link org.pacscluster.io.OutputPaths}: no
 * output inside an input, no file replaced unless asked), CSV reading/writing, the build's
 * version ({@link org.pacscluster.io.BuildInfo}), the one seeded Fisher–Yates shuffle and sample draw
 * ({@link org.pacscluster.io.Shuffle}) and the thread limit of parallel CPU work
 * ({@link org.pacscluster.io.Parallelism}), and the guards against hostile inputs: the read limits every reader of
 * untrusted bytes checks ({@link org.pacscluster.io.ReadLimits}), the one redaction of secrets in messages
 * ({@link org.pacscluster.io.Secrets}), terminal-safe text ({@link org.pacscluster.io.SafeText}; CSV cells are
 * neutralised by {@link org.pacscluster.io.Csv} itself) and the error for a damaged file of our own format
 * ({@link org.pacscluster.io.DamagedFile}).
 */
package org.pacscluster.io;
