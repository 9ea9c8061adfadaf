"""Reading a writer's files: the safe YAML reader, the record engine, the brief."""
