/**
 * The preprocessed on-disk dataset: preprocessing (aspect-kept resize, centred padding, min-max), the memory-mappable pixel cache with its index and split, the writer that fills it and the reader that the embedders and trainers use.
 */
package org.pacscluster.dataset;
