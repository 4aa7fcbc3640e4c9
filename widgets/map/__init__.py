"""The offline map of Seoul: a folium page in a QWebEngineView, driven over a JSON bridge."""
