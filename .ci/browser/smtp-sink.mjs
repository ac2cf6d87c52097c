// A minimal SMTP server for the browser tests (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA,
// RSET, NOOP, QUIT; no TLS, no AUTH): the service really talks SMTP to it, and each
// message it accepts is written to DIR as an .eml file, which the tests read like a
// mailbox. Usage: node smtp-sink.mjs PORT DIR
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";

const [port, dir] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
let count = 0;

createServer((socket) => {
  socket.setEncoding("latin1");
  let buffer = "";
  let inData = false;
  let data = [];
  const reply = (line) => socket.write(`${line}\r\n`);
  reply("220 sink ESMTP");
  socket.on("data", (chunk) => {
    buffer += chunk;
    let at;
    while ((at = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      if (inData) {
        if (line === ".") {
          inData = false;
          count += 1;
          writeFileSync(`${dir}/${Date.now()}-${count}.eml`, Buffer.from(data.join("\r\n"), "latin1"));
          data = [];
          reply("250 2.0.0 queued");
        } else {
          data.push(line.startsWith("..") ? line.slice(1) : line);
        }
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === "EHLO") { socket.write("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"); }
      else if (verb === "HELO" || verb === "MAIL" || verb === "RCPT" || verb === "RSET" || verb === "NOOP") { reply("250 2.0.0 ok"); }
      else if (verb === "DATA") { inData = true; reply("354 end with <CRLF>.<CRLF>"); }
      else if (verb === "QUIT") { reply("221 2.0.0 bye"); socket.end(); }
      else { reply("502 5.5.2 not implemented"); }
    }
  });
  socket.on("error", () => {});
}).listen(Number(port), "127.0.0.1");
