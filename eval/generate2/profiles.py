"""Firm profiles: what differs between one kind of firm's screens and another's."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RenderStyle:
    """How a screen is drawn before OCR reads it back."""

    width: int = 1280
    font_size: int = 12
    scale: float = 1.0  # < 1 draws small and reads the downscaled image (a far-away screenshot)
    blur: float = 0.0  # Gaussian radius after scaling
    contrast: int = 30  # text grey level (0 black .. 255 white); chrome panes use lighter text
    jpeg_quality: int = 0  # 0: lossless; otherwise a JPEG round trip


@dataclass(frozen=True)
class Profile:
    name: str
    firm_name: str
    firm_slug: str
    tz: str
    state: str
    area_code: str
    start_date: str  # the first working day of the stream, YYYY-MM-DD
    n_cases: int
    n_history: int
    timekeepers: int
    spans_per_day: tuple[int, int]
    areas: tuple[tuple[str, float], ...]
    mail_apps: tuple[tuple[str, float], ...]
    call_apps: tuple[tuple[str, float], ...]
    pdf_app: str
    research: tuple[tuple[str, float], ...]
    efiling: str
    chat_app: str
    doc_naming: str  # "client_number" | "date_first" | "underscore_version"
    doc_root: str  # "shared_drive" | "local_windows" | "mac_home" | "sharepoint"
    generic_subject_rate: float
    personal_rate: float
    interrupt_rate: float
    title_only_rate: float
    empty_rate: float
    cut_rate: float
    text_cap: int
    ocr_real_share: float
    render: RenderStyle = field(default_factory=RenderStyle)


PROFILES: dict[str, Profile] = {
    "metro_lit": Profile(
        name="metro_lit",
        firm_name="Ashford Kowalczyk Eze LLP",
        firm_slug="ashfordke",
        tz="America/Chicago",
        state="IL",
        area_code="312",
        start_date="2026-03-02",  # spans the spring DST change
        n_cases=84,
        n_history=420,
        timekeepers=4,
        spans_per_day=(34, 48),
        areas=(("Commercial Litigation", 0.34), ("Employment", 0.22), ("Personal Injury", 0.18),
               ("Insurance Defense", 0.14), ("Appellate", 0.06), ("Construction", 0.06)),
        mail_apps=(("outlook_desktop", 0.8), ("outlook_web", 0.2)),
        call_apps=(("teams", 0.6), ("webex", 0.25), ("zoom", 0.15)),
        pdf_app="Adobe Acrobat",
        research=(("westlaw", 0.6), ("lexis", 0.15), ("scholar", 0.1), ("cmecf", 0.15)),
        efiling="cmecf",
        chat_app="teams",
        doc_naming="client_number",
        doc_root="shared_drive",
        generic_subject_rate=0.22,
        personal_rate=0.14,
        interrupt_rate=0.18,
        title_only_rate=0.06,
        empty_rate=0.02,
        cut_rate=0.12,
        text_cap=1200,
        ocr_real_share=0.7,
        render=RenderStyle(width=1280, font_size=12, scale=0.92, blur=0.3, contrast=35),
    ),
    "suburban_general": Profile(
        name="suburban_general",
        firm_name="Mesquite Valley Law Group",
        firm_slug="mesquitelaw",
        tz="America/Phoenix",
        state="AZ",
        area_code="480",
        start_date="2026-04-13",
        n_cases=72,
        n_history=300,
        timekeepers=4,
        spans_per_day=(30, 44),
        areas=(("Family Law", 0.3), ("Estate Planning", 0.18), ("Probate", 0.1),
               ("Real Estate", 0.17), ("Personal Injury", 0.15), ("Criminal Defense", 0.1)),
        mail_apps=(("gmail", 0.75), ("apple_mail", 0.25)),
        call_apps=(("ringcentral", 0.5), ("zoom", 0.4), ("teams", 0.1)),
        pdf_app="Preview",
        research=(("lexis", 0.45), ("scholar", 0.2), ("county", 0.2), ("statefile", 0.15)),
        efiling="statefile",
        chat_app="slack",
        doc_naming="date_first",
        doc_root="local_windows",
        generic_subject_rate=0.3,
        personal_rate=0.2,
        interrupt_rate=0.25,
        title_only_rate=0.1,
        empty_rate=0.04,
        cut_rate=0.18,
        text_cap=1100,
        ocr_real_share=0.6,
        render=RenderStyle(width=1180, font_size=11, scale=0.85, blur=0.3, contrast=60,
                           jpeg_quality=65),
    ),
    "boutique_ny": Profile(
        name="boutique_ny",
        firm_name="Quinlan Raghunathan PLLC",
        firm_slug="qrlaw",
        tz="America/New_York",
        state="NY",
        area_code="212",
        start_date="2026-10-26",  # spans the autumn DST change
        n_cases=64,
        n_history=260,
        timekeepers=3,
        spans_per_day=(38, 54),
        areas=(("Immigration", 0.35), ("Employment", 0.3), ("Business Formation", 0.15),
               ("Landlord-Tenant", 0.2)),
        mail_apps=(("apple_mail", 0.5), ("outlook_web", 0.3), ("gmail", 0.2)),
        call_apps=(("zoom", 0.5), ("webex", 0.3), ("ringcentral", 0.2)),
        pdf_app="Preview",
        research=(("scholar", 0.35), ("lexis", 0.35), ("statefile", 0.2), ("bar", 0.1)),
        efiling="statefile",
        chat_app="slack",
        doc_naming="underscore_version",
        doc_root="mac_home",
        generic_subject_rate=0.18,
        personal_rate=0.16,
        interrupt_rate=0.2,
        title_only_rate=0.14,
        empty_rate=0.03,
        cut_rate=0.1,
        text_cap=1200,
        ocr_real_share=0.65,
        render=RenderStyle(width=1440, font_size=13, scale=0.85, blur=0.0, contrast=20),
    ),
}

# Seeds of the committed tuning firms and of the held-back set (never committed, one a profile).
TUNING = {"ashford": ("metro_lit", 11), "mesquite": ("suburban_general", 23)}
HELD_BACK = {"metro_lit": 4101, "suburban_general": 4202, "boutique_ny": 4303}
