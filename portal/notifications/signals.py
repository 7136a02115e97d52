from django.dispatch import Signal

# Sent by the worker after the mail server accepted a message; `message` is the OutboxMessage.
message_sent = Signal()
