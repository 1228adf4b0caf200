"""Pure models: numbers in, numbers out. Each validates its inputs with :mod:`essays.checks`."""
