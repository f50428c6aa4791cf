// Public API of src/ml/gbdt (filled in by its implementation).
export {};
