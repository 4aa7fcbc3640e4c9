"""Work orders: the broker, the wall's MQTT client and its outbox, the field page."""
