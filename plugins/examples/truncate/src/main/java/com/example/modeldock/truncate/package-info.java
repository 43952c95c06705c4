/**
 * {@code Truncate}, an example third-party ModelDock post-processor: Matryoshka truncation of a
 * sentence embedding, for models trained so that the first values carry the most (nomic-embed,
 * mxbai-embed, arctic-embed).
 */
package com.example.modeldock.truncate;
