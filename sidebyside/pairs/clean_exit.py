"""A launched (torchrun) half that opens a process group must free it before Python exits.

gloo's worker threads keep the last collectives' tensors until they are
done with them. If the interpreter is already shutting down when a worker
lets go of a tensor that Python still owns, the worker cannot take the GIL
and the process aborts (``terminate called without an active exception``,
SIGABRT) after printing everything: a run that failed for no reason in
the script. Beside CPU-bound processes on a 2-core machine it happened in
about one run in ten. Destroying the group and collecting while Python still runs
joins those threads first, so every launched half ends the same way:

    del ddp                      # whatever holds the group (DDP does)
    dist.destroy_process_group()
    gc.collect()
"""

from __future__ import annotations

import ast
from pathlib import Path

from sidebyside.errors import SiteError

HOLDERS = {"DDP", "DistributedDataParallel"}
"""Calls whose result keeps a reference to the process group."""

FIX = "end it with 'del <the DDP object>', 'dist.destroy_process_group()', then 'gc.collect()'"


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    return None


def check_clean_exit(path: Path, source: str) -> None:
    """Refuse a half that opens a process group and does not free it the way this module describes."""
    tree = ast.parse(source, filename=str(path))
    if not any(_call_name(node) == "init_process_group" for node in ast.walk(tree)):
        return
    for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))]:
        body = scope.body
        for index, statement in enumerate(body):
            if not (isinstance(statement, ast.Expr) and _call_name(statement.value) == "destroy_process_group"):
                continue
            following = body[index + 1] if index + 1 < len(body) else None
            if not (isinstance(following, ast.Expr) and _call_name(following.value) == "collect"):
                raise SiteError(path, statement.lineno, "the process group is destroyed but not collected: gloo's threads "
                                "can outlive Python and abort the run at exit", f"add 'gc.collect()' right after it; {FIX}")
            held = {target.id for node in body[:index] if isinstance(node, ast.Assign) and _call_name(node.value) in HOLDERS
                    for target in node.targets if isinstance(target, ast.Name)}
            freed = {target.id for node in body[:index] if isinstance(node, ast.Delete)
                     for target in node.targets if isinstance(target, ast.Name)}
            if held - freed:
                raise SiteError(path, statement.lineno, f"'{sorted(held - freed)[0]}' still holds the process group when "
                                "it is destroyed", f"delete it first; {FIX}")
            return
    raise SiteError(path, None, "the script starts a process group and never destroys it", FIX)
