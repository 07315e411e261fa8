"""Waspada Malinau: the dashboard frame (placeholder until the dashboard issue lands)."""

import streamlit as st

st.set_page_config(page_title="Waspada Malinau", layout="wide")
st.title("Waspada Malinau")
