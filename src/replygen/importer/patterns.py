"""Every regular expression the importer uses to recognise the genre, in one place.

The patterns mirror the wording the templates write (see ``templates/_formulas.j2``) and the
variants real replies from other offices use: 关于对/对/关于 titles, 委员/代表/单位 proposers,
您/你们/贵单位, 下一步, 感谢…关心和支持, the 版记 lines and the 信息公开 header. Punctuation is
matched in both widths because extracted texts mix them.
"""

from __future__ import annotations

import re

from .. import genre
from ..formulas import pattern_regex

CN = "一二三四五六七八九十百零〇"
COLON = "[：:]"
COMMA = "[，,]"

# --- numbering (what the templates generate: 一、 （一） 1. （1）) ---------------------
SECTION_NO = re.compile(rf"^(?:第[{CN}]+部分[，,、\s]*|[{CN}]+\s*[、．.]\s*)(?=\S)")
SUBSECTION_NO = re.compile(rf"^[（(]\s*[{CN}]+\s*[）)]\s*(?=\S)")
# 1.5万元 is a number, not item 1; but 1.2023年… is item 1 whose text starts with a year.
ITEM_NO = re.compile(r"^\d{1,3}\s*(?:[.．](?:(?!\d)|(?=\d{4}\s*年))|、)\s*(?=\S)")
SUBITEM_NO = re.compile(r"^[（(]\s*\d{1,3}\s*[）)]\s*(?=\S)")
# A run-in lead: the first sentence, short, followed by more text.
LEAD = re.compile(r"^(?P<lead>[^。！？]{2,45}?[。！？])(?P<rest>\S.*)?$")

# --- header -------------------------------------------------------------------------
META_LABELS = {
    "索引号": "index_no",
    "宏引号": "index_no",  # a frequent OCR misreading of 索引号 on scanned website pages
    "分类": "category",
    "主题分类": "category",
    "发文机关": "issuer",
    "成文日期": "written_date",
    "标题": "title",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发布日期": "published_date",
}
META_LINE = re.compile(rf"^(?P<label>{'|'.join(META_LABELS)})\s*[：:。.]?\s*(?P<value>.*)$")
DOC_NUMBER = genre.DOC_NUMBER
# 版头: 吉林省科学技术厅文件 / 吉林省科学技术厅（函）
LETTERHEAD = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{4,30}?)(?:文件|[（(]函[）)])$")
RESULT_CLASS = re.compile(
    rf"^(?:(?:(?:办理结果|办复|答复)?类别|办理结果){COLON}\s*)?[（(]?\s*(?P<cls>[A-DＡ-Ｄ甲乙丙丁])\s*类?\s*[）)]?$"
)
# The class beside the 发文字号: …37号（B类）, …12号　B类.
DOC_NUMBER_CLASS = re.compile(r"^(?P<no>.+?号)(?P<label>\s*[（(]?\s*(?P<cls>[A-DＡ-Ｄ])\s*类\s*[）)]?)$")
# 是否同意公开：是 and other labelled lines of a head that carry no fact of the letter.
# An organ's name on a line of its own: 广安市文化广电旅游局, 濮院镇人民政府.
ORGAN = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,40}?(?:局|厅|委员会|委|办公室|办|政府|院|中心|会|部|署|站|所|处|公司|街道|管委会)$"
)
SIGNER = re.compile(rf"^签发人{COLON}\s*(?P<name>\S.*)$")
# The signing leader named below the 落款: 领导签发：…
FOOT_SIGNER = re.compile(rf"^(?:签发人|领导签发|签发领导){COLON}\s*(?P<name>[^\s　，,；;]+)$")
# A 上行文's 发文字号 and 签发人 on one line (§7.2.5)
DOCNO_SIGNER = re.compile(rf"^(?P<no>.+?号)\s*签发人{COLON}\s*(?P<name>\S+)$")
DRAFT_MARK = re.compile(r"^[（(]?(?:征求意见稿|送审稿|草稿)[）)]?$")

# 对省政协十三届一次会议第2023D7号民建省委会提案的答复; 关于对…建议的答复; …的会办意见; and the
# forms offices use besides: the issuer in front (XX县教育局关于对…), the number without 第, and
# 答复函, 复函 or 回复 for 答复.
REPLY_TITLE = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff（）()]{0,40}?)(?P<form>关于对|对|关于)(?P<meeting>[^，。]+?(?:会议|大会))第?\s*"
    r"(?P<number>[0-9A-Za-z０-９\-—]+)\s*号(?P<label>.+?)的(?P<what>答复函|答复|复函|回复|会办意见|协办意见)(?:函)?$"
)
CO_HANDLING_TITLES = ("会办意见", "协办意见")
OPINION_TITLE = re.compile(r"^(?P<issuer>.*?)关于(?P<subject>.+)的实施意见$")
PLAIN_TITLE_END = re.compile(r"(?:答复|会办意见|协办意见|实施意见|意见|通知|复函|的函)$")

# --- salutation and opening ---------------------------------------------------------
SALUTATION = re.compile(rf"^(?P<text>[^。；;《》]{{2,200}}){COLON}$")
PROPOSER = re.compile(r"^(?:尊敬的)?(?P<names>.+?)(?P<suffix>委员|代表)?$")
PRONOUN = "|".join(genre.PRONOUN_VARIANTS)
OPENING = re.compile(
    rf"^(?P<who>{PRONOUN}|.+?(?:委员|代表)?)在(?P<meeting>.+?)(?:期间)?上?提出的"
    r"《(?P<title>.+?)》(?:（以下简称《(?P<abbr>[^》]+)》）)?"
    r"(?P<tail>.*)$"
)
# Any opening that names the proposal and says it was received: 您提出的《…》已收悉。, 你们提出的
# 关于…的提案已收悉, 您提出的关于“…”的建议收悉, or just 《…》收悉.
OPENING_LOOSE = re.compile(
    r"(?:提出的|^)(?:《(?P<title>[^》]+)》|关于“(?P<quoted>[^”]+)”的(?:建议|提案|意见)"
    r"|(?P<bare>关于[^《》“”。，]{2,80}?的(?:建议|提案|意见)))(?:的(?:提案|建议))?(?:已)?收悉"
)

# The start of an opening: 你们提出的…, 贵会在…上提出的…
OPENING_START = re.compile(rf"^(?:{PRONOUN})(?:在[^。]{{0,60}}?)?提出的")

# --- body ---------------------------------------------------------------------------
TOPIC = pattern_regex(genre.TOPIC_HEADING, {"主题": ("topic", "[^“”]+")})
RESTATEMENT = re.compile(rf"^《(?P<abbr>[^》]{{1,12}})》\s*提出\s*{COMMA}\s*(?P<text>\S.*)$")
NEXT_STEPS = re.compile(rf"^{genre.NEXT_STEPS_LEAD.rstrip('，')}\s*{COMMA}\s*(?P<text>\S.*)$")
NEXT_STEPS_HEADING = re.compile(r"^下一步(?:工作)?(?:安排|打算|计划|工作打算|工作计划|措施)$")
# A department answering in turn: 省科技厅…, 市发展改革委…, 国家税务总局吉林省税务局…
DEPARTMENT = re.compile(
    r"^(?P<dept>(?:省|市|州|县|区|自治区|盟)(?!委、|政府)[\u4e00-\u9fff]{1,10}?"
    r"(?:厅|委员会|委|局|办公室|办|中心|院|署))(?=[\u4e00-\u9fff])"
)
# （省科技厅、省财政厅等部门按职责分工负责）
RESPONSIBILITY = re.compile(r"[（(](?P<inner>[^（）()]{2,200}?(?:负责|牵头|落实))[）)]$")
RESPONSIBILITY_LIST = re.compile(rf"^(?P<units>[^等]+){genre.SHARED_DUTY}$")
# The thanks formula, read back from the genre's own wording: the full form, then the short.
_CLOSING_GROUPS = {
    "称呼": ("pronoun", PRONOUN),
    "感谢对象": ("thanks", ".+?"),
    "关注对象": ("attention", ".+?"),
    "我": ("we", "我.|我们"),
    "贡献对象": ("contribute", ".+?"),
    "新的": ("new", f"(?:{genre.NEW_CONTRIBUTION})?"),
}
CLOSING_FORMS = (
    pattern_regex(genre.CLOSING_THANKS_FULL, _CLOSING_GROUPS),
    pattern_regex(genre.CLOSING_THANKS, _CLOSING_GROUPS),
)
# A closing formula standing as a paragraph of its own, after the thanks or alone.
CLOSING_FORMULA = re.compile(
    r"^(?:(?:专此|特此|此)(?:答复|函复|回复|复函|复)[。！!]?"
    r"|以上(?:意见|答复)[，,]?请予?参考[。！!]?"  # a 会办意见's closing
    r"|对以上(?:答复|办理(?:情况|结果)?)有(?:何|什么)意见[^。]{0,60}。)$"  # the 征询意见表 request
)
CLOSING_START = re.compile(r"^(?:感谢|衷心感谢|再次感谢|专此答复|特此答复|特此函复|专此函复)")

# --- foot ---------------------------------------------------------------------------
DATE = genre.DATE
DISCLOSURE = {
    re.compile(r"^[（(]此件(?:公开发布|主动公开)[）)]$"): "主动公开",
    re.compile(r"^[（(]此件依申请公开[）)]$"): "依申请公开",
    re.compile(r"^[（(]此件不予公开[）)]$"): "不予公开",
}
CONTACT_LABEL = re.compile(
    rf"^[（(]?(?:联系单位|联\s*系\s*人|联系电话|承办单位|承办科室|承办处室|承办负责人|单位负责人|主管领导|承办人)[^：:]{{0,6}}{COLON}"
)
CONTACT_PERSON = re.compile(rf"(?:联系人|联 系 人|承办人){COLON}\s*(?P<person>[^\s　，,；;]+)")
CONTACT_BOTH = re.compile(rf"联系人及(?:联系)?电话{COLON}\s*(?P<person>[^\d\s　，,]+)[\s　，,]*(?P<phone>[\d\-—（）()]+\d)")
CONTACT_PHONE = re.compile(rf"(?:联系电话|电话){COLON}\s*(?P<phone>[0-9０-９\-—（）()xX ]+[0-9xX])")
CC = re.compile(rf"^抄\s*送{COLON}\s*(?P<units>.+?)[。.]?$")
# 抄报, 抄 报: copies to superior offices, kept as the letter writes them.
CC_OTHER = re.compile(rf"^抄\s*报{COLON}")
# 版记: 印发机关, then the 印发日期 followed by “印发” (§7.4.3)
PRINTING = re.compile(r"^(?P<organ>\S.*?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$")
CC_SPLIT = re.compile(r"\s*[，,、；;]\s*")
ATTACHMENT = re.compile(rf"^附\s*件{COLON}\s*(?P<rest>.+)$")
SIGNATURE_NAME = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}$")
