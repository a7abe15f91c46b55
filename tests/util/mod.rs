//! Running the real binary in a directory of its own, and reading its CSVs.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch directory, removed when dropped.
pub struct Dir {
    pub path: PathBuf,
}

impl Dir {
    /// A new empty directory under the system temp dir.
    pub fn new(name: &str) -> Dir {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("nomina-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create test dir");
        Dir { path }
    }

    /// Write a file (parents created).
    pub fn write(&self, rel: &str, contents: &str) -> PathBuf {
        let p = self.path.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, contents).expect("write");
        p
    }

    /// Read a file as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Copy the project's seeds and curated glossary here.
    pub fn with_seeds(self) -> Dir {
        copy_dir(&root().join("seeds"), &self.path.join("seeds"));
        std::fs::create_dir_all(self.path.join("glossary")).expect("mkdir");
        std::fs::copy(
            root().join("glossary/glossary.csv"),
            self.path.join("glossary/glossary.csv"),
        )
        .expect("copy");
        self
    }

    /// Run nomina here.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_nomina"))
            .args(args)
            .current_dir(&self.path)
            .output()
            .expect("run nomina")
    }

    /// `nomina build` on `docs/` with the curated glossary off: variant →
    /// canonical from the glossary table it writes.
    pub fn discovered(&self) -> BTreeMap<String, String> {
        self.ok(&[
            "build",
            "--corpus",
            "docs",
            "--no-glossary",
            "--out",
            "out",
            "-q",
        ]);
        canonical_of(&self.read("out/glossary.csv"))
    }

    /// A symbolic link at `rel` (parents created) to `target`, as written.
    #[cfg(unix)]
    pub fn symlink(&self, rel: &str, target: &str) {
        let p = self.path.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::os::unix::fs::symlink(target, &p).expect("symlink");
    }

    /// Run nomina here, insist on exit code 2 (bad input or usage), and
    /// return its standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "nomina {args:?}: {err}");
        err
    }

    /// Start nomina here, its standard output and error piped.
    fn spawn_piped(&self, args: &[&str]) -> std::process::Child {
        use std::process::Stdio;
        Command::new(env!("CARGO_BIN_EXE_nomina"))
            .args(args)
            .current_dir(&self.path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run nomina")
    }

    /// Run nomina here and insist on success within `secs` seconds: a run
    /// that takes longer is killed, and the test fails.
    pub fn ok_within(&self, secs: u64, args: &[&str]) -> String {
        let mut child = self.spawn_piped(args);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        // Read the pipes as the child writes, so that it never blocks on them.
        let mut stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let out = std::thread::spawn(move || {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut stdout, &mut b).map(|_| b)
        });
        let err = std::thread::spawn(move || {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut stderr, &mut b).map(|_| b)
        });
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("nomina {args:?} still running after {secs} s: killed");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let stdout = out.join().expect("stdout thread").expect("read stdout");
        let stderr = err.join().expect("stderr thread").expect("read stderr");
        assert!(
            status.success(),
            "nomina {args:?} failed ({:?})\n--- stdout\n{}\n--- stderr\n{}",
            status.code(),
            String::from_utf8_lossy(&stdout),
            String::from_utf8_lossy(&stderr)
        );
        String::from_utf8(stdout).expect("utf-8 stdout")
    }

    /// Run nomina here with its output read by a pipe whose reader goes
    /// away after `read` bytes (at once for 0): those bytes and the outcome.
    pub fn closed_pipe(&self, args: &[&str], read: usize) -> (Vec<u8>, Output) {
        use std::io::Read;
        let mut child = self.spawn_piped(args);
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = vec![0u8; read];
        stdout.read_exact(&mut first).expect("read");
        drop(stdout);
        (first, child.wait_with_output().expect("wait"))
    }

    /// Run nomina here and insist on success.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "nomina {args:?} failed ({:?})\n--- stdout\n{}\n--- stderr\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copy a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

/// Parse CSV text (BOM allowed) into rows of column → value.
pub fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().expect("headers").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("record");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// variant → canonical, from a glossary table.
pub fn canonical_of(table: &str) -> BTreeMap<String, String> {
    csv_rows(table)
        .into_iter()
        .map(|r| (r["variant"].clone(), r["canonical"].clone()))
        .collect()
}

/// The XML of the first worksheet of an `.xlsx` file.
pub fn sheet1_xml(path: &Path) -> String {
    let book = std::fs::File::open(path).expect("open the workbook");
    let mut zip = zip::ZipArchive::new(book).expect("a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet1"),
        &mut xml,
    )
    .expect("read sheet1");
    xml
}
