"""Built-in plugins: each module implements a few hooks for one concern, ``trylast``
so that any other plugin can replace it (or ``disable:`` it by module name)."""
