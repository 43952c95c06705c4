/**
 * Mutated uploads for fuzz tests of the registry's upload path, seeded and reproducible:
 * {@link dev.modeldock.testkit.fuzz.UploadFuzzer} makes case {@code i} of a seed from valid models and
 * their import metadata ({@link dev.modeldock.testkit.fuzz.FuzzSeeds}) with byte-level
 * ({@link dev.modeldock.testkit.fuzz.ByteMutations}), structure-aware ONNX
 * ({@link dev.modeldock.testkit.fuzz.ModelMutations}) and metadata JSON
 * ({@link dev.modeldock.testkit.fuzz.MetadataMutations}) mutations. A case depends on the seed and
 * its index only, so any one of thousands can be made again alone, on any thread.
 */
package dev.modeldock.testkit.fuzz;
