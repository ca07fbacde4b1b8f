import { Fragment } from "react";
import { parseMessage, type Inline } from "~/modules/channels/markdown";

function Spans({ spans }: { spans: Inline[] }) {
  return (
    <>
      {spans.map((span, index) => {
        switch (span.type) {
          case "text":
            return <Fragment key={index}>{span.text}</Fragment>;
          case "code":
            return <code key={index}>{span.text}</code>;
          case "strong":
            return (
              <strong key={index}>
                <Spans spans={span.children} />
              </strong>
            );
          case "em":
            return (
              <em key={index}>
                <Spans spans={span.children} />
              </em>
            );
          case "link":
            return (
              <a key={index} href={span.href} rel="noopener noreferrer nofollow ugc" target="_blank">
                <Spans spans={span.children} />
              </a>
            );
        }
      })}
    </>
  );
}

/** A message's text in the channel's Markdown subset, as React elements (never HTML from the text). */
export function MessageBody({ body }: { body: string }) {
  return (
    <div className="message__body" dir="auto">
      {parseMessage(body).map((block, index) => {
        if (block.type === "code")
          return (
            <pre key={index}>
              <code>{block.text}</code>
            </pre>
          );
        if (block.type === "list") {
          const List = block.ordered ? "ol" : "ul";
          return (
            <List key={index}>
              {block.items.map((item, itemIndex) => (
                <li key={itemIndex}>
                  <Spans spans={item} />
                </li>
              ))}
            </List>
          );
        }
        return (
          <p key={index}>
            {block.children.map((line, lineIndex) => (
              <Fragment key={lineIndex}>
                {lineIndex > 0 ? <br /> : null}
                <Spans spans={line} />
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}
