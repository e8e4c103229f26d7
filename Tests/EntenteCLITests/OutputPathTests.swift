// --output naming one of the process's descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N),
// and outputs abandoned after an error.
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("--output naming a descriptor: written as that descriptor, never replaced")
struct OutputDescriptorTests {
  private static let sentences = "Une phrase.\nUne autre.\n"

  private func workspace() throws -> Workspace {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase. Une autre.\n")
    return workspace
  }

  @Test(
    "Standard output a pipe: the output goes down the pipe",
    arguments: ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "//dev/./stdout"])
  func pipe(path: String) throws {
    let workspace = try workspace()
    let result = try workspace.shell("\"$ENTENTE\" segment in.txt --lang fr -o \(path) | cat")
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stdout == Self.sentences)
    #expect(result.stderr == "")
    #expect(try workspace.names() == ["in.txt"])
  }

  @Test("/dev/stderr is standard error, here a pipe")
  func standardError() throws {
    let workspace = try workspace()
    let result = try workspace.shell("\"$ENTENTE\" segment in.txt --lang fr -o /dev/stderr")
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stderr == Self.sentences)
    #expect(result.stdout == "")
  }

  @Test(
    "Standard output appended to a file (>> log): the earlier content stays, the output follows it",
    arguments: ["/dev/stdout", "/proc/self/fd/1"])
  func appendedStandardOutput(path: String) throws {
    let workspace = try workspace()
    try workspace.write("log", "before\n")
    let inode = try workspace.status(of: "log").st_ino
    let result = try workspace.shell("\"$ENTENTE\" segment in.txt --lang fr -o \(path) >> log")
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(String(decoding: try workspace.contents(of: "log"), as: UTF8.self) == "before\n" + Self.sentences)
    // Written in place, not replaced by a new file.
    #expect(try workspace.status(of: "log").st_ino == inode)
    #expect(try workspace.names() == ["in.txt", "log"])
  }

  @Test("A descriptor the shell opened for appending (3>> log), named /dev/fd/3 or through a link")
  func appendedDescriptor() throws {
    let workspace = try workspace()
    try workspace.write("log", "before\n")
    try FileManager.default.createSymbolicLink(
      atPath: workspace.folder.appendingPathComponent("link").path, withDestinationPath: "/dev/fd/3")
    let result = try workspace.shell(
      "\"$ENTENTE\" segment in.txt --lang fr -o /dev/fd/3 3>> log"
        + " && \"$ENTENTE\" segment in.txt --lang fr -o link 3>> log")
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(
      String(decoding: try workspace.contents(of: "log"), as: UTF8.self)
        == "before\n" + Self.sentences + Self.sentences)
    #expect(try workspace.status(of: "link").st_mode & S_IFMT == S_IFLNK)
  }

  @Test("A descriptor that was not open when entente started is refused, naming the path")
  func descriptorNotGiven() throws {
    let workspace = try workspace()
    let result = try workspace.shell("\"$ENTENTE\" segment in.txt --lang fr -o /dev/fd/9")
    #expect(result.exitCode == 2)
    #expect(result.stderr == "entente: /dev/fd/9: error: descriptor 9 was not open when entente started\n")
    #expect(result.stdout == "")
  }

  @Test("A reader that closes the pipe on -o /dev/stdout ends the run quietly, as with cat")
  func brokenPipe() throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", String(repeating: "Une phrase. Une autre.\n", count: 50_000))
    let result = try workspace.shell(
      "\"$ENTENTE\" segment in.txt --lang fr -o /dev/stdout | head -n 1; echo \"status ${PIPESTATUS[0]}\"")
    #expect(result.stdout == "Une phrase.\nstatus 141\n")
    #expect(result.stderr == "")
  }
}

@Suite("--output abandoned after an error: the target untouched, nothing left beside it")
struct AbandonedOutputTests {
  @Test(
    "A write that fails (the file size limit, EFBIG) leaves no temporary file, with or without O_TMPFILE",
    arguments: [false, true])
  func failedWrite(namedTemporary: Bool) throws {
    let workspace = try Workspace()
    try workspace.write("big.txt", String(repeating: "Une phrase assez longue pour remplir.\n", count: 5_000))
    try workspace.write("out.txt", "ancien\n")
    // `ulimit -f 1`: at most 1 KiB per file; SIGXFSZ ignored, so the write fails with EFBIG.
    let environment = namedTemporary ? "ENTENTE_NO_O_TMPFILE=1 " : ""
    let result = try workspace.shell(
      "trap '' XFSZ; ulimit -f 1; \(environment)\"$ENTENTE\" normalize big.txt --form nfc -o out.txt")
    #expect(result.exitCode == 2)
    #expect(result.stderr == "entente: out.txt: error: cannot write: File too large\n")
    #expect(try workspace.names() == ["big.txt", "out.txt"])
    #expect(String(decoding: try workspace.contents(of: "out.txt"), as: UTF8.self) == "ancien\n")
  }
}
