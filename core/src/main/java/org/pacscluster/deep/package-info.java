/**
 * Deep embedded clustering on DJL's PyTorch engine: the convolutional autoencoder, its training loop, and CDEC/CIDEC fine-tuning with Student-t soft assignments.
 */
package org.pacscluster.deep;
