"""Qt-free article model: lossless parsing and writing, schema, dates and validation."""
