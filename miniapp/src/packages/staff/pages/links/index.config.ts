export default definePageConfig({
  navigationBarTitleText: '推广链接',
  // The share button of each link card (onShareAppMessage answers the link's path).
  enableShareAppMessage: true,
});
