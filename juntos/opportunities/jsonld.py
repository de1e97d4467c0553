"""schema.org JobPosting for a published vacancy (https://schema.org/JobPosting)."""

from __future__ import annotations

import json

from juntos.opportunities.models import Vacancy
from juntos.opportunities.noc import occupation


def job_posting(vacancy: Vacancy, *, employer_name: str, url: str, language: str) -> str:
    """The JSON-LD text for a vacancy, safe to put inside a <script> element."""
    data = job_posting_data(vacancy, employer_name=employer_name, url=url, language=language)
    text = json.dumps(data, ensure_ascii=False)
    # "</" would end the script element early; escape it as JSON allows.
    return text.replace("</", "<\\/")


def job_posting_data(
    vacancy: Vacancy, *, employer_name: str, url: str, language: str
) -> dict[str, object]:
    """The JobPosting as data (the page's JSON-LD and the federation feed share it)."""
    occ = occupation(vacancy.occupation)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description or vacancy.title,
        "datePosted": (vacancy.published_on or vacancy.created_at.date()).isoformat(),
        "validThrough": vacancy.starts_on.isoformat(),
        "employmentType": "TEMPORARY",
        "hiringOrganization": {"@type": "Organization", "name": employer_name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": vacancy.province,
                "addressCountry": "CA",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "CAD",
            "value": {
                "@type": "QuantitativeValue",
                "value": float(vacancy.hourly_wage),
                "unitText": "HOUR",
            },
        },
        "workHours": f"{vacancy.hours_per_week} h/week",
        "occupationalCategory": occ.label(language) if occ else vacancy.occupation,
        "jobStartDate": vacancy.starts_on.isoformat(),
        "inLanguage": language,
        "url": url,
    }
    if vacancy.skills:
        data["skills"] = ", ".join(vacancy.skills)
    return data
