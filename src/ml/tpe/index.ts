// Public API of src/ml/tpe (filled in by its implementation).
export {};
