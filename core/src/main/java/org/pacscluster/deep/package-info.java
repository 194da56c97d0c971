/**
 * Deep embedded clustering on DJL's PyTorch engine: the convolutional autoencoder, its pre-training, and CDEC/CIDEC
 * fine-tuning with Student-t soft assignments. Both trainings run through one epoch loop ({@link
 * org.pacscluster.deep.TrainingLoop}) with small hooks: checkpoint/resume, a {@link org.pacscluster.deep.StoppingRule},
 * a divergence check, and per-epoch bookkeeping and progress; a run reports a {@link org.pacscluster.deep.StopReason}.
 */
package org.pacscluster.deep;
