"""Shapes of the API's answers. Views build plain dicts from the selectors; these serializers
describe (and check) them, so the OpenAPI schema says exactly what clients receive."""

from rest_framework import serializers


class LinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()


class PlaceSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField()
    title = serializers.CharField(allow_blank=True)
    caption = serializers.CharField(allow_blank=True, required=False)
    author = serializers.CharField(allow_blank=True)
    licence = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True)


class LicenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class ArticleUrlsSerializer(serializers.Serializer):
    html = serializers.URLField()
    source = serializers.URLField()
    history = serializers.URLField()
    api = serializers.URLField()
    revisions = serializers.URLField()


class ArticleSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField())
    place = PlaceSerializer(allow_null=True)
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(allow_null=True)
    url = serializers.URLField()
    api_url = serializers.URLField()


class ArticleSerializer(ArticleSummarySerializer):
    live_revision_id = serializers.IntegerField(allow_null=True)
    markdown = serializers.CharField(allow_blank=True)
    html = serializers.CharField(allow_blank=True)
    portals = LinkSerializer(many=True)
    cover_image = ImageSerializer(allow_null=True)
    authors = serializers.ListField(child=serializers.CharField())
    licence = LicenceSerializer()
    urls = ArticleUrlsSerializer()
    backlinks = LinkSerializer(many=True)


class RevisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    author = serializers.CharField(allow_blank=True)
    edit_summary = serializers.CharField(allow_blank=True)
    minor = serializers.BooleanField()
    is_creation = serializers.BooleanField()
    is_live = serializers.BooleanField()
    size = serializers.IntegerField()
    size_delta = serializers.IntegerField()
    previous_id = serializers.IntegerField(allow_null=True)
    url = serializers.URLField()
    api_url = serializers.URLField()


class RevisionDetailSerializer(RevisionSerializer):
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField())
    markdown = serializers.CharField(allow_blank=True)
    source_url = serializers.URLField()


class DiffSerializer(serializers.Serializer):
    article = serializers.CharField()
    from_id = serializers.IntegerField()
    to_id = serializers.IntegerField()
    unified_diff = serializers.CharField(allow_blank=True)
    url = serializers.URLField()


class AddressSerializer(serializers.Serializer):
    street_address = serializers.CharField(allow_blank=True)
    postal_code = serializers.CharField(allow_blank=True)
    commune = serializers.CharField(allow_blank=True)


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)


class RelatedArticleSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()


class AnswerSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    criterion_label = serializers.CharField()
    level = serializers.CharField(allow_null=True)
    level_label = serializers.CharField(allow_null=True)
    level_value = serializers.IntegerField(allow_null=True)
    text = serializers.CharField(allow_blank=True)


class GridReferenceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    grid = GridReferenceSerializer()
    updated_at = serializers.DateTimeField(allow_null=True)
    answers = AnswerSerializer(many=True)


class CommonsSummarySerializer(serializers.Serializer):
    numeric_id = serializers.IntegerField()
    id = serializers.CharField(help_text="Identifiant stable (le slug de la fiche).")
    name = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    commune = serializers.CharField(allow_blank=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    tags = serializers.ListField(child=serializers.CharField())
    stage = serializers.CharField(allow_blank=True)
    updated_at = serializers.DateTimeField()
    url = serializers.URLField()
    api_url = serializers.URLField()


class CommonsSerializer(serializers.Serializer):
    numeric_id = serializers.IntegerField()
    id = serializers.CharField(help_text="Identifiant stable (le slug de la fiche).")
    url = serializers.URLField()
    api_url = serializers.URLField()
    name = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True, help_text="Markdown.")
    website = serializers.CharField(allow_blank=True)
    address = AddressSerializer()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    tags = serializers.ListField(child=serializers.CharField())
    needs = serializers.ListField(child=serializers.CharField())
    stage = serializers.CharField(allow_blank=True)
    stage_label = serializers.CharField(allow_blank=True)
    licence = serializers.CharField(allow_blank=True)
    start_date = serializers.DateField(allow_null=True)
    shared_resources = serializers.CharField(allow_blank=True)
    community = serializers.CharField(allow_blank=True)
    how_to_join = serializers.CharField(allow_blank=True)
    contact = ContactSerializer(
        allow_null=True, help_text="Seulement si les porteurs l'ont rendu public."
    )
    related_articles = RelatedArticleSerializer(many=True)
    portals = serializers.ListField(child=serializers.CharField())
    images = ImageSerializer(many=True)
    assessment = AssessmentSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class LevelSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.IntegerField(allow_null=True)
    counts = serializers.BooleanField()


class CriterionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    question = serializers.CharField()
    help = serializers.CharField(allow_blank=True)


class GridSerializer(serializers.Serializer):
    slug = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    intro = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField()
    is_current = serializers.BooleanField()
    criteria = CriterionSerializer(many=True)
    levels = LevelSerializer(many=True)
    api_url = serializers.URLField()


class PortalSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    introduction = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField())
    url = serializers.URLField()
    api_url = serializers.URLField()


class PortalItemSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    url = serializers.URLField()
    api_url = serializers.URLField()


class PortalSerializer(PortalSummarySerializer):
    featured_articles = PortalItemSerializer(many=True)
    featured_commons = PortalItemSerializer(many=True)
    articles = PortalItemSerializer(many=True)
    commons = PortalItemSerializer(many=True)


class RecentChangeSerializer(serializers.Serializer):
    revision_id = serializers.IntegerField()
    article = LinkSerializer()
    created_at = serializers.DateTimeField()
    author = serializers.CharField(allow_blank=True)
    edit_summary = serializers.CharField(allow_blank=True)
    minor = serializers.BooleanField()
    is_creation = serializers.BooleanField()
    size_delta = serializers.IntegerField()
    url = serializers.URLField()


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField()
    type_label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()
    snippet_html = serializers.CharField(allow_blank=True)
    commune = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField())
    updated = serializers.DateTimeField(allow_null=True)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    active = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    field = serializers.CharField()
    parameter = serializers.CharField()
    title = serializers.CharField()
    values = FacetValueSerializer(many=True)


class SearchSerializer(serializers.Serializer):
    query = serializers.CharField(allow_blank=True)
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_count = serializers.IntegerField()
    suggestion = serializers.CharField(allow_blank=True)
    approximate = serializers.BooleanField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchHitSerializer(many=True)
    facets = FacetSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
