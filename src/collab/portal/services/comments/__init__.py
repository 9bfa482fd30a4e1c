"""POST <group>/@comments with the guiding question."""
