// Public API of src/ml/metrics (filled in by its implementation).
export {};
