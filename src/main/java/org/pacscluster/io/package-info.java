/**
 * Small file-system helpers shared by every package: atomic writes (temp file + rename) and CSV reading/writing.
 */
package org.pacscluster.io;
