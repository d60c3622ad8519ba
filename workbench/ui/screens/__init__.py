"""One module per screen; app.py runs them through st.navigation."""
