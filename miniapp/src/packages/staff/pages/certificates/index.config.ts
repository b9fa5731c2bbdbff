export default definePageConfig({
  navigationBarTitleText: '证件核验',
  enablePullDownRefresh: true,
});
