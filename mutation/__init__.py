"""Mutation testing of tickspec's riskiest modules (`uv run --frozen python -m mutation`)."""
