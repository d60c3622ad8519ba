"""The Streamlit reviewer app (entrypoint: app.py)."""
