"""Risk per desa and kecamatan: inputs from the store, components, the score, roll-ups, explanations, the election calendar and the backtest."""
