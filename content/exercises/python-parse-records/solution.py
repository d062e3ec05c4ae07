"""Parse records and keep the bad lines aside: reference solution."""


def parse_line(line):
    """Parse 'name,age,score' into {'name': str, 'age': int, 'score': float}; raise ValueError if it is malformed."""
    fields = [field.strip() for field in line.split(",")]
    if len(fields) != 3:
        # Unpacking would raise ValueError too, but a message of our own says what was wrong.
        raise ValueError(f"expected 3 fields, got {len(fields)}: {line!r}")
    name, age, score = fields
    if not name:
        raise ValueError(f"empty name: {line!r}")
    # int() and float() raise ValueError themselves for text that is not a number.
    return {"name": name, "age": int(age), "score": float(score)}


def parse_records(lines):
    """Return (records, errors): the parsed good lines, and (line_number, line) for each bad one."""
    records, errors = [], []
    # enumerate(..., start=1) numbers lines the way an editor shows them.
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            records.append(parse_line(line))
        except ValueError:
            # Keep the bad line as it was, so a person can find and fix it.
            errors.append((number, line))
    return records, errors
