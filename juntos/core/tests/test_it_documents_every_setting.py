import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_environment_variable_is_documented_in_env_example():
    read = set(
        re.findall(
            r'env(?:_bool|_int|_list)?\("([A-Z0-9_]+)"', (ROOT / "juntos/settings.py").read_text()
        )
    )
    documented = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no settings found"
    assert read <= documented, f"undocumented: {sorted(read - documented)}"
