export * from "./pdf-page";
export * from "./printable-text";
