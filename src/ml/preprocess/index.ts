// Public API of src/ml/preprocess (filled in by its implementation).
export {};
