"""UI-side helpers of the dashboard: caching, filters, login, theme (the only Streamlit code besides pages)."""
