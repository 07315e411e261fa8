"""What the dashboard shows, as pure functions: headline numbers, plotly figures, pydeck maps, colours, exports."""
