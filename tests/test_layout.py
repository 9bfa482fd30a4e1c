"""The tests' own layout: one package per area, modules of a few hundred
lines, and no test module importing another (shared fixtures live in
helper modules, named without ``test_``)."""

from pathlib import Path
import ast
import unittest


TESTS = Path(__file__).resolve().parent
MAX_LINES = 400


def own_modules():
    return sorted(
        path
        for path in TESTS.rglob("*.py")
        if "upstream" not in path.relative_to(TESTS).parts
    )


class TestLayout(unittest.TestCase):
    def test_test_modules_are_in_area_packages(self):
        for path in own_modules():
            if path.name.startswith("test_") and path.parent != TESTS:
                with self.subTest(module=str(path.relative_to(TESTS))):
                    self.assertTrue((path.parent / "__init__.py").exists())
        top = [p.name for p in TESTS.glob("test_*.py")]
        self.assertEqual(top, ["test_layout.py"])

    def test_modules_are_short(self):
        for path in own_modules():
            with self.subTest(module=str(path.relative_to(TESTS))):
                self.assertLessEqual(len(path.read_text().splitlines()), MAX_LINES)

    def test_no_test_module_imports_another(self):
        for path in own_modules():
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                for name in names:
                    with self.subTest(module=str(path.relative_to(TESTS)), name=name):
                        self.assertFalse(name.split(".")[-1].startswith("test_"))
