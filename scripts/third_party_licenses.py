#!/usr/bin/env python3
"""Write cli/src/release/THIRD-PARTY-LICENSES.md: every jar of the release archive's lib/ with its licence.

The jars are those of cli/target/runtime-classpath.txt (written by `mvn -B package`, the cli module's runtime
dependencies, the same set the assembly puts in lib/). Each licence is the one the jar's POM in the local Maven
repository declares, or else the nearest parent POM's. Run from the checkout's root after a package:

    mvn -B -o package -DskipTests && python3 scripts/third_party_licenses.py

ReleaseArchiveIT (cli, `mvn -B verify`) fails when a jar of lib/ is not named in the file, or the file names a jar
that lib/ lacks, so a dependency change without a rerun of this script does not go unnoticed.
"""
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASSPATH = ROOT / "cli/target/runtime-classpath.txt"
OUT = ROOT / "cli/src/release/THIRD-PARTY-LICENSES.md"
LOCAL_REPO = Path(os.environ.get("MAVEN_LOCAL_REPO", Path.home() / ".m2/repository"))

# what a POM does not say: keyed by groupId:artifactId
NOTES = {
    "ai.djl.pytorch:pytorch-native-cpu": "Packaging by DJL (Apache 2.0). It holds PyTorch's libtorch "
        "(libtorch_cpu.so, libc10.so: BSD 3-Clause style, https://github.com/pytorch/pytorch/blob/main/LICENSE) and "
        "GCC's OpenMP runtime libgomp (GPL-3.0 with the GCC Runtime Library Exception).",
    "com.github.jai-imageio:jai-imageio-core": "Licence text: "
        "https://github.com/jai-imageio/jai-imageio-core/blob/master/LICENSE.txt",
    "com.github.jai-imageio:jai-imageio-jpeg2000": "Licence text: "
        "https://github.com/jai-imageio/jai-imageio-jpeg2000 (LICENSE-JJ2000.txt, LICENSE-Sun.txt)",
    "net.java.dev.jna:jna": "JNA is dual-licensed: LGPL-2.1-or-later or Apache License 2.0, at the user's choice; "
        "pacscluster uses it under the Apache License 2.0 (DJL's engine loading, and pacscluster's binding of the "
        "system's OpenJPEG, libopenjp2.so.7: BSD 2-Clause, not shipped in lib/).",
    "dev.ludovic.netlib:blas": "netlib-java's BLAS binding (k-means' float32 distances): the jar holds its JNI stubs "
        "(MIT); at run time it calls the system's libblas.so.3 (OpenBLAS: BSD 3-Clause) when one is installed.",
    "net.sourceforge.f2j:arpack_combined_all": "Java translation (f2j) of reference BLAS/LAPACK/ARPACK, BSD; netlib-java's "
        "pure-Java BLAS needs it on the class path.",
}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def child(el, name):
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def text(el, name):
    c = child(el, name) if el is not None else None
    return c.text.strip() if c is not None and c.text else None


def pom_path(group, artifact, version):
    return LOCAL_REPO / group.replace(".", "/") / artifact / version / f"{artifact}-{version}.pom"


def licences(pom):
    """[(name, url)] of the POM, or of its nearest parent that declares any."""
    while pom is not None and pom.is_file():
        root = ET.parse(pom).getroot()
        lic = child(root, "licenses")
        if lic is not None and len(lic):
            return [(text(l, "name") or "?", text(l, "url")) for l in lic if local(l.tag) == "license"]
        parent = child(root, "parent")
        if parent is None:
            break
        rel = text(parent, "relativePath")
        g, a, v = text(parent, "groupId"), text(parent, "artifactId"), text(parent, "version")
        nxt = pom_path(g, a, v)
        if not nxt.is_file() and rel is not None:
            nxt = (pom.parent / rel).resolve()
            if nxt.is_dir():
                nxt = nxt / "pom.xml"
        pom = nxt
    return []


def describe(jar):
    """(jar file name, coordinates, [(licence, url)], note) for one classpath entry."""
    jar = Path(jar)
    try:
        rel = jar.relative_to(LOCAL_REPO)
    except ValueError:
        rel = None
    if rel is None:
        # a module of this reactor: <module>/target/<artifact>-<version>.jar
        module = jar.parent.parent
        root = ET.parse(module / "pom.xml").getroot()
        artifact = text(root, "artifactId")
        version = text(child(root, "parent"), "version")
        lic = licences(module / "pom.xml") or [("the pacscluster project's own code (no licence declared in its POMs)", None)]
        return jar.name, f"org.pacscluster:{artifact}:{version}", lic, None
    parts = rel.parts
    group, artifact, version = ".".join(parts[:-3]), parts[-3], parts[-2]
    lic = licences(pom_path(group, artifact, version))
    if not lic:
        sys.exit(f"no licence found in the POM of {group}:{artifact}:{version} or its parents: add it by hand")
    return jar.name, f"{group}:{artifact}:{version}", lic, NOTES.get(f"{group}:{artifact}")


def main():
    if not CLASSPATH.is_file():
        sys.exit(f"{CLASSPATH} not found: run `mvn -B -o package -DskipTests` first")
    cli_pom = ET.parse(ROOT / "cli/pom.xml").getroot()
    version = text(child(cli_pom, "parent"), "version")
    # the classpath holds the cli module's dependencies; the archive's lib/ also holds the cli jar itself
    entries = [e for e in CLASSPATH.read_text().strip().split(os.pathsep) if e]
    entries.append(str(ROOT / "cli/target" / f"{text(cli_pom, 'artifactId')}-{version}.jar"))
    rows = sorted((describe(e) for e in entries), key=lambda r: r[0])
    out = [
        "# Third-party licences",
        "",
        f"The jars in `lib/` of the pacscluster {version} release, each with the licence its Maven POM declares (or its",
        "parent POM's). Written by `scripts/third_party_licenses.py` in the source tree; the release build's test",
        "checks that this list names exactly the jars in `lib/`.",
        "",
        "| jar in `lib/` | Maven coordinates | licence | note |",
        "| --- | --- | --- | --- |",
    ]
    for name, coords, lic, note in rows:
        shown = "; ".join(f"[{n}]({u})" if u and u.startswith("http") else n for n, u in lic)
        out.append(f"| `{name}` | {coords} | {shown} | {note or ''} |")
    OUT.write_text("\n".join(out) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} jars")


if __name__ == "__main__":
    main()
