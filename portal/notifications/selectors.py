from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from portal.notifications.models import OutboxMessage


def messages_about(obj: Model) -> QuerySet[OutboxMessage]:
    """The e-mails about this case, registration or other object, newest first.

    One indexed query (the content type is cached): for the delivery status on the object's page.
    """
    return OutboxMessage.objects.filter(
        about_type=ContentType.objects.get_for_model(obj), about_id=obj.pk
    )
