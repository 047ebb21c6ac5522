// Checks a lawtrail checkpoint with code that is not lawtrail's: the log's
// signature with Go's golang.org/x/mod/sumdb/note (Debian's
// golang-golang-x-mod-dev), and each witness's cosignature as C2SP
// tlog-cosignature v1 defines it, written here from the spec with Go's
// crypto/ed25519 and crypto/sha256.
//
//	go run verify_checkpoint.go LOG_VKEY CHECKPOINT_FILE [WITNESS_VKEY ...]
//
// Prints one line per signature checked; exits 1 at the first that fails.
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAILED: "+format+"\n", args...)
	os.Exit(1)
}

// cosignature checks the witness's line on n, per tlog-cosignature v1:
// key id = SHA-256(name || "\n" || 0x04 || key)[:4]; the signature is over
// "cosignature/v1\ntime <T>\n" || body; the line's blob is key id || T (8
// bytes, big-endian) || signature.
func cosignature(n *note.Note, vkey string) {
	parts := strings.SplitN(vkey, "+", 3) // the key, in base64, may itself contain "+"
	if len(parts) != 3 {
		fail("witness vkey %q is not name+id+key", vkey)
	}
	name := parts[0]
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 33 || raw[0] != 0x04 {
		fail("witness vkey %q is not a type 0x04 Ed25519 key", vkey)
	}
	key := ed25519.PublicKey(raw[1:])
	h := sha256.Sum256(append([]byte(name+"\n"), raw...))
	if hex.EncodeToString(h[:4]) != parts[1] {
		fail("witness vkey %q: its key id is not SHA-256(name, 0x04, key)[:4]", vkey)
	}
	for _, sig := range n.UnverifiedSigs {
		if sig.Name != name || sig.Hash != binary.BigEndian.Uint32(h[:4]) {
			continue
		}
		blob, err := base64.StdEncoding.DecodeString(sig.Base64)
		if err != nil || len(blob) != 4+8+64 {
			fail("cosignature by %s is not key id, time and an Ed25519 signature", name)
		}
		t := binary.BigEndian.Uint64(blob[4:12])
		msg := bytes.NewBufferString("cosignature/v1\ntime " + strconv.FormatUint(t, 10) + "\n" + n.Text)
		if !ed25519.Verify(key, msg.Bytes(), blob[12:]) {
			fail("cosignature by %s does not verify", name)
		}
		fmt.Printf("cosignature by %s (time %d) verified\n", name, t)
		return
	}
	fail("no cosignature by %s", name)
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: verify_checkpoint LOG_VKEY CHECKPOINT_FILE [WITNESS_VKEY ...]")
	}
	verifier, err := note.NewVerifier(os.Args[1])
	if err != nil {
		fail("log vkey: %v", err)
	}
	msg, err := os.ReadFile(os.Args[2])
	if err != nil {
		fail("%v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("x/mod/sumdb/note: %v", err)
	}
	fmt.Printf("log signature by %s verified by golang.org/x/mod/sumdb/note\n", n.Sigs[0].Name)
	for _, w := range os.Args[3:] {
		cosignature(n, w)
	}
}
