// Reads a JSON list of article texts on stdin; prints, for each, the front matter as js-yaml 4 and as
// gray-matter (js-yaml 3) read it, or the error they raise. Dates become ISO strings.
const yaml = require("js-yaml");
const matter = require("gray-matter");

const plain = (value) => JSON.parse(JSON.stringify(value === undefined ? null : value));
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map((text) => {
    const result = {};
    try {
      const lines = text.split(/\r\n|\n|\r/);
      const close = lines.indexOf("---", 1);
      result.jsyaml = plain(yaml.load(lines.slice(1, close).join("\n")));
    } catch (error) {
      result.jsyaml_error = String(error.message);
    }
    try {
      result.graymatter = plain(matter(text, { cache: false }).data);
    } catch (error) {
      result.graymatter_error = String(error.message);
    }
    return result;
  });
  process.stdout.write(JSON.stringify(results));
});
