"""Pure rules of supervision: no Django imports."""
