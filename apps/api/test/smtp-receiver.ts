import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail["headers"];
}

export interface SmtpReceiver {
  url: string;
  messages: ReceivedMail[];
  /** Refuse the next `count` messages with a 451 (a temporary failure the sender should retry). */
  refuseNext(count: number): void;
  refusals: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (the nodemailer project's `smtp-server`), parsing what it
 * receives with `mailparser`. Plain SMTP, no AUTH or STARTTLS: it only ever listens on 127.0.0.1.
 */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  let toRefuse = 0;
  const receiver: Omit<SmtpReceiver, "url" | "close"> = {
    messages: [],
    refusals: 0,
    refuseNext(count) {
      toRefuse = count;
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (toRefuse > 0) {
          toRefuse -= 1;
          receiver.refusals += 1;
          const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            receiver.messages.push({
              from: mail.from?.text ?? "",
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: mail.subject ?? "",
              text: mail.text ?? "",
              html: typeof mail.html === "string" ? mail.html : "",
              headers: mail.headers,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
