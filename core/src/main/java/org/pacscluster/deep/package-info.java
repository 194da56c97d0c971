/**
 * Deep embedded clustering on DJL's PyTorch engine: the convolutional autoencoder, its pre-training, and CDEC/CIDEC
 * fine-tuning with Student-t soft assignments. Both trainings run through one epoch loop ({@link
 * org.pacscluster.deep.TrainingLoop}) with small hooks: checkpoint/resume, a {@link org.pacscluster.deep.StoppingRule},
 * a divergence check, and per-epoch bookkeeping and progress; a run reports a {@link org.pacscluster.deep.StopReason}.
 * Both can feed the network randomly transformed copies of the images (DEC-DA): an {@link
 * org.pacscluster.deep.AugmentConfig} applied by {@link org.pacscluster.deep.ImageAugmenter}, seeded per (epoch, batch),
 * with the reconstruction and clustering targets taken from the images as stored; each epoch's batches are gathered
 * (and augmented) one ahead on a background thread ({@code BatchPrefetcher}).
 */
package org.pacscluster.deep;
