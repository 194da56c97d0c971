/**
 * Small helpers shared by every package: atomic writes (temp file + rename), CSV reading/writing, and the build's
 * version ({@link org.pacscluster.io.BuildInfo}).
 */
package org.pacscluster.io;
