export default definePageConfig({
  navigationBarTitleText: '帮办',
  enablePullDownRefresh: true,
});
