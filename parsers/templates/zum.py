"""Articles read on the Zum portal (news.zum.com); `outlet` is the original publisher.

Recognised by the portal's own lines (`주소복사가 완료되었습니다`, `기사가 속한 카테고리는 언론사가
분류합니다.`). The publisher's name stands on its own line under the title (`뉴시스`); photo
captions follow it. The `06.28 (금)` line at the top is the portal's date, not the article's.
"""
from ..engine import Template, rx, title_then_source_label


class Zum(Template):
    name = "zum"
    version = 1
    hosts = ("zum.com",)
    site = "news.zum.com"
    portal = True
    markers = (
        (rx(r"^주소복사가 완료되었습니다$"), 3),
        (rx(r"^기사가 속한 카테고리는 언론사가 분류합니다\.$"), 3),
        (rx(r"^댓글 첫 댓글을 작성해보세요$"), 2),
        (rx(r"^컨텐츠 바로가기$"), 1),
    )
    published = (rx(r"^(?:입력|기사입력|등록)\s*:?\s*(?:19|20)\d{2}"),)
    updated = (rx(r"^(?:수정|최종수정)\s*:?\s*(?:19|20)\d{2}"),)
    furniture = (
        (rx(r"^컨텐츠 바로가기$"), "menu"),
        (rx(r"^\d{2}\.\d{2}\s*\([월화수목금토일]\)$"), "portal_date"),
        (rx(r"^댓글(?:\s+\d+)?(?:\s+첫 댓글을 작성해보세요)?$"), "comments"),
        (rx(r"^주소복사가 완료되었습니다$"), "share"),
        (rx(r"^\S{1,12} SNS \[페이스북\]"), "share"),
        (rx(r"^기사가 속한 카테고리는 언론사가 분류합니다\.$"), "portal_footer"),
        (rx(r"^언론사는 한 기사를 두 개 이상의 카테고리로 분류할 수 있습니다\.$"), "portal_footer"),
        (rx(r"^☞공감언론 뉴시스"), "footer"),
    )
    header = title_then_source_label
