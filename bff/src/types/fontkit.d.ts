// The part of fontkit (pdfkit's font engine) the poster uses; the package ships no types.
declare module 'fontkit' {
  interface Font {
    familyName: string;
    postscriptName: string;
  }
  interface FontCollection {
    fonts: Font[];
  }
  export function openSync(path: string, postscriptName?: string): Font | FontCollection;
}
