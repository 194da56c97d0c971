/**
 * Small helpers shared by every package: atomic writes (temp file + rename), CSV reading/writing, the build's
 * version ({@link org.pacscluster.io.BuildInfo}), the one seeded Fisher–Yates shuffle and sample draw
 * ({@link org.pacscluster.io.Shuffle}) and the thread limit of parallel CPU work
 * ({@link org.pacscluster.io.Parallelism}).
 */
package org.pacscluster.io;
