"""Progress bars for the commons commands, written through the command's self.stdout."""

from tqdm import tqdm


class ProgressOutput:
    """tqdm writes carriage returns; Django's OutputWrapper would add a newline each time."""

    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, text):
        self.stdout.write(text, ending="")

    def flush(self):
        self.stdout.flush()


def progress_bar(stdout, items, *, total: int, description: str):
    return tqdm(items, total=total, file=ProgressOutput(stdout), desc=description, unit="ligne")
